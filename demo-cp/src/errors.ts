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

/** What kuma-cp's router (go-restful) answers for a path no route serves: plain text, not JSON. */
export function pageNotFound(): Response {
  return new Response('404: Page Not Found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
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
