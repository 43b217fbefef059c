export function DataplaneList() {
  return null;
}
