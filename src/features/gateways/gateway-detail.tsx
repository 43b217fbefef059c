export function GatewayDetail() {
  return null;
}
