// Building the page: elements get text through textContent only. World and server text is never
// parsed as HTML here, and the page's Content-Security-Policy (Trusted Types) would refuse it.

/** An element with a class, a text, attributes and children; text goes in as text. */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  if (options.title) node.title = options.title;
  if (options.type) node.type = options.type;
  for (const [key, value] of Object.entries(options.data ?? {})) node.dataset[key] = value;
  for (const [event, handler] of Object.entries(options.on ?? {})) node.addEventListener(event, handler);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Removes every child. */
export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

export function byId(id) {
  return document.getElementById(id);
}
