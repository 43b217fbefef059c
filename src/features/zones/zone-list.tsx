export function ZoneList() {
  return null;
}
