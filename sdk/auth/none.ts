import type { Authenticator } from "../transport/types";

/** Sends requests unchanged (tests of the transport alone). */
export const noAuth: Authenticator = { authenticate: (req, send) => send(req) };
