export { DIAGNOSIS_RULES, diagnose, diagnoseMesh } from './diagnose';
export { compareFindings, findingId, sortFindings } from './finding';
export type { MeshModel } from './model';
export type { DiagnosisMeshSnapshot, MeshGatewayRoute } from './rules/legacy-routes';
export type {
  DiagnosisRule,
  Finding,
  FixAction,
  FixActionKind,
  ResourceRef,
  Severity,
} from './types';
