import type { InvalidParameter, KumaErrorBody } from '../../src/kuma/types';

/** Kuma's error body (AIP-193), with the deprecated `details` / `causes` mirrors it still sends. */
export function kumaError(
  status: number,
  title: string,
  detail: string,
  invalidParameters?: InvalidParameter[],
): KumaErrorBody {
  const body: KumaErrorBody = { type: '/std-errors', status, title, detail };
  if (invalidParameters && invalidParameters.length > 0) {
    body.invalid_parameters = invalidParameters;
  }
  body.details = detail;
  if (invalidParameters && invalidParameters.length > 0) {
    body.causes = invalidParameters.map(({ field, reason }) => ({ field, message: reason }));
  }
  return body;
}

export function errorResponse(body: KumaErrorBody): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': 'application/json' },
  });
}

export function notFound(title: string): Response {
  return errorResponse(kumaError(404, title, 'Not found'));
}

/** Thrown inside handlers; the app turns it into a response. */
export class KumaHttpError extends Error {
  constructor(readonly body: KumaErrorBody) {
    super(body.detail);
  }
}
