/**
 * The write judgement now lives in `src/kuma/mutations/`; this re-export remains only because
 * `real-cp/forms/write-echo.test.ts` (the realcp helper's file) imports it from here. Import
 * from `kuma/mutations` everywhere else; remove this file once that test's import moves.
 */
export type { Resource } from '../../kuma/mutations/resource-version';
export { judgeAfterWrite, storedFormOf } from '../../kuma/mutations/write-echo';
