/**
 * The client's address as the proxy in front of the app reports it: the first X-Forwarded-For hop, else
 * X-Real-IP, else unknown (null). At most 100 characters. Trust it only behind a proxy that overwrites these
 * headers (docs/operations.md): the rate limits and sign-in throttling key on it.
 */
export function clientAddressFrom(header: (name: string) => string | null | undefined): string | null {
  return header("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 100) || header("x-real-ip")?.trim().slice(0, 100) || null;
}
