/**
 * Cloudflare Access in front of the desk: every desk request carries `Cf-Access-Jwt-Assertion`,
 * an RS256 JWT signed by the team's keys. jose checks the signature against the team's JWKS
 * (fetched, cached per isolate, and fetched again when a token names a key it has not seen:
 * that is how Access key rotation is followed), the audience (the Access application's AUD
 * tag), the issuer (the team domain) and the expiry. Only RS256 is accepted, so `alg: none`
 * and HMAC-with-the-public-key tricks are refused before any key is looked at.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';

export const ACCESS_HEADER = 'Cf-Access-Jwt-Assertion';

export interface AccessConfig {
  /** https://<team>.cloudflareaccess.com, the tokens' issuer. */
  issuer: string;
  /** The Access application's audience (AUD) tag. */
  audience: string;
}

/** Access is on when both variables are set; a half configuration is treated as a mistake. */
export function readAccessConfig(env: { ACCESS_TEAM_DOMAIN?: string; ACCESS_AUD?: string }): AccessConfig | null {
  const team = (env.ACCESS_TEAM_DOMAIN ?? '').trim();
  const audience = (env.ACCESS_AUD ?? '').trim();
  if (!team && !audience) return null;
  if (!team || !audience) throw new Error('Set both ACCESS_TEAM_DOMAIN and ACCESS_AUD, or neither.');
  // Accept "team", "team.cloudflareaccess.com" or the full https URL.
  const host = team.replace(/^https:\/\//, '').replace(/\/+$/, '');
  return { issuer: `https://${host.includes('.') ? host : `${host}.cloudflareaccess.com`}`, audience };
}

// One key set per issuer for the isolate's lifetime: jose keeps the keys (10 minutes) and
// refetches at most every 30 s when an unknown `kid` arrives, so a request costs no fetch
// in the common case and a rotation is picked up on the first token signed with the new key.
const keySets = new Map<string, JWTVerifyGetKey>();

function getKeySet(issuer: string): JWTVerifyGetKey {
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`), { timeoutDuration: 3000 });
    keySets.set(issuer, keys);
  }
  return keys;
}

/**
 * The editor's email if the token is valid for this application, else null (whatever was
 * wrong: the caller answers every refusal the same way).
 */
export async function verifyAccessToken(token: string, config: AccessConfig): Promise<string | null> {
  try {
    // Refused here, before jose: its algorithm check rejects an already-settled promise that
    // workerd reports as unhandled; jose checks the algorithm again anyway.
    if (decodeProtectedHeader(token).alg !== 'RS256') return null;
    const { payload } = await jwtVerify(token, getKeySet(config.issuer), {
      algorithms: ['RS256'],
      audience: config.audience,
      issuer: config.issuer,
      requiredClaims: ['exp', 'email'],
    });
    const email = payload['email'];
    return typeof email === 'string' && email.includes('@') ? email.slice(0, 200) : null;
  } catch {
    return null;
  }
}
