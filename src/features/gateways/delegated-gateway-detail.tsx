export function DelegatedGatewayDetail() {
  return null;
}
