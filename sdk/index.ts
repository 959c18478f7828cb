export * from "./errors";
export * from "./clock";
export { pathSegment } from "./validate";
export * from "./transport/types";
export { Transport, DEFAULT_RETRY, DEFAULT_TIMEOUTS, type TransportOptions } from "./transport/transport";
