// Talking to the frontwatch API: query strings from the page's filters, JSON fetches with readable errors.

export const FILTER_NAMES = ["event_type", "actor", "claimant", "source", "q", "date_from", "date_to", "bbox"];

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params = {}) {
  const response = await fetch(path + queryString(params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error(`${path}: HTTP ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

// Only http(s) links are ever made clickable: a javascript: or data: URL from a document stays text.
export function safeHref(url) {
  if (typeof url !== "string" || url === "") return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

// A DOM element with text content only (never HTML): document text is untrusted.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "hidden") node.hidden = Boolean(value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// An analyst's token: asked once, kept in sessionStorage (gone with the tab), sent only with writes.
const TOKEN_KEY = "frontwatch.token";

export function analystToken({ ask = true } = {}) {
  let token = window.sessionStorage.getItem(TOKEN_KEY);
  if (!token && ask) {
    token = (window.prompt("Analyst token (frontwatch user add NAME prints one):") || "").trim();
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
  }
  return token || null;
}

export function forgetToken() {
  window.sessionStorage.removeItem(TOKEN_KEY);
}

// POST a JSON body with the analyst's token; a 401 forgets the token so the next action asks again.
export async function postJSON(path, body) {
  const token = analystToken();
  if (!token) throw new Error("no analyst token given");
  const response = await fetch(path, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body || {}),
  });
  let reply = null;
  try {
    reply = await response.json();
  } catch (e) {
    throw new Error(`${path}: HTTP ${response.status}, not JSON`);
  }
  if (response.status === 401) forgetToken();
  if (!response.ok) throw new Error(reply && reply.error ? reply.error.message : `HTTP ${response.status}`);
  return reply;
}
