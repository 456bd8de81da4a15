// Pure helpers: nothing here touches the page.

/**
 * JSON text indented two spaces a level, without decoding it: its escapes (\u202e, \n…) stay as
 * written, so what the host escaped stays visible. Text that is not JSON comes back as it was.
 */
export function prettyJson(text) {
  let out = '';
  let depth = 0;
  let inString = false;
  const pad = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') { out += text[++i] ?? ''; } else if (c === '"') { inString = false; }
      continue;
    }
    switch (c) {
      case '"': inString = true; out += c; break;
      case '{': case '[':
        if (text[i + 1] === (c === '{' ? '}' : ']')) { out += c + text[++i]; break; }
        depth++; out += c + pad(); break;
      case '}': case ']': depth = Math.max(0, depth - 1); out += pad() + c; break;
      case ',': out += ',' + pad(); break;
      case ':': out += ': '; break;
      default: out += c;
    }
  }
  return out;
}

/** Milliseconds since the host started, as m:ss.mmm. */
export function formatTime(ms) {
  const minutes = Math.floor(ms / 60000);
  const seconds = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
  return `${minutes}:${seconds}`;
}

/** Bytes written as base64, as hex; throws on text that is not base64. */
export function hexFromBase64(text) {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new Error('not base64');
  }
  const bytes = atob(clean);
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

/** A figure with its unit: 1 message, 2 048 bytes. */
export function count(n, unit) {
  return `${Number(n ?? 0).toLocaleString('en')} ${unit}${n === 1 ? '' : 's'}`;
}
