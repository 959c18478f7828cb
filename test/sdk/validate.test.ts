import { InvalidInputError, ErrorCodes } from "../../sdk/errors";
import { pathSegment } from "../../sdk/validate";

function refusal(value: unknown): InvalidInputError {
  try {
    pathSegment("instanceId", value);
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw new Error(`expected InvalidInputError, got ${String(e)}`);
  }
  throw new Error(`pathSegment accepted ${JSON.stringify(value)}`);
}

describe("pathSegment", () => {
  it.each([
    ["obcluster-demo", "obcluster-demo"],
    [1000005, "1000005"],
    ["d8e6ca5a624745bcb546a227aa3ae1cfin01", "d8e6ca5a624745bcb546a227aa3ae1cfin01"],
    ["bak-20260113_x.1", "bak-20260113_x.1"],
    ["a:b", "a%3Ab"],
    ["名字", "%E5%90%8D%E5%AD%97"],
    ["a".repeat(256), "a".repeat(256)],
  ])("accepts %j and encodes it as %j", (value, encoded) => {
    expect(pathSegment("instanceId", value)).toBe(encoded);
  });

  it.each([
    ["", "must not be empty"],
    [".", "'..'"],
    ["..", "'..'"],
    ["a/../b", "'..'"],
    ["/", "'/'"],
    ["a/b", "'/'"],
    ["a\\b", "'/'"],
    ["%2F", "'%'"],
    ["a%2e%2e", "'%'"],
    ["a?b=1", "'?'"],
    ["a#b", "'#'"],
    [" ", "whitespace"],
    ["a b", "whitespace"],
    ["a\tb", "whitespace"],
    ["a\u00a0b", "whitespace"],
    ["a\u2028b", "whitespace"],
    ["a\u0000b", "control"],
    ["a\u001bb", "control"],
    ["a\u007fb", "control"],
    ["a\u0085b", "whitespace"],
    ["a\u009bb", "control"],
    ["a\ud800b", "well-formed"],
    ["\udc00", "well-formed"],
    ["a".repeat(257), "at most 256"],
  ])("refuses %j (%s)", (value, rule) => {
    const e = refusal(value);
    expect(e.code).toBe(ErrorCodes.INVALID_INPUT);
    expect(e.field).toBe("instanceId");
    expect(e.rule).toContain(rule);
    expect(e.message).toBe(`instanceId: ${e.rule}`);
  });

  it.each([[undefined], [null], [1.5], [Number.NaN], [2 ** 60], [{ toString: () => "x" }], [["x"]], [true]])(
    "refuses the non-string %p",
    (value) => {
      expect(refusal(value).rule).toBe("must be a string or a safe integer");
    },
  );
});
