/** wxacode `scene` text ("station=ID&date=…", URL-encoded, at most 32 characters) as params. Pure: unit-tested. */
export function decodeScene(scene: string | undefined): Record<string, string> {
  if (!scene) return {};
  const out: Record<string, string> = {};
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    /* keep the raw text */
  }
  for (const part of text.split('&')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
