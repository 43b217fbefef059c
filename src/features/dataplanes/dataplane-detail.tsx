export function DataplaneDetail() {
  return null;
}
