// HTTP Basic (RFC 7617), which many OCP installations accept beside AccessKey signatures (docs/api-ocp.md#http-basic).
import type { Authenticator } from "../transport/types";

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Adds `Authorization: Basic …`. The header (and so the password) lives only in this closure. */
export function basicAuth(creds: BasicCredentials): Authenticator {
  // RFC 7617: user-id and password joined by ":", UTF-8, Base64.
  const header = `Basic ${Buffer.from(`${creds.username}:${creds.password}`, "utf8").toString("base64")}`;
  return {
    authenticate: (req, send) => send({ ...req, headers: { ...req.headers, authorization: header } }),
  };
}
