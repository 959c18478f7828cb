// Reading Markdown the way GitHub renders it, for the tests that keep the README and docs/ honest.

/** A heading's anchor: lower case, punctuation dropped, spaces to "-". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*]/g, "")
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}
