// A browser-like HTTP session: a cookie jar, redirects followed by hand (so every Set-Cookie is
// kept), and forms posted with the antiforgery token the page carries, as the app's pages expect.

export class Session {
  constructor(base) {
    this.base = base.replace(/\/$/, "");
    this.cookies = new Map();
  }

  get origin() {
    return new URL(this.base).origin;
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  keepCookies(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expires = attributes.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
      const gone = value === "" || (expires && Date.parse(expires.slice(8)) < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request; follows up to five redirects with GET, as a browser does after a form post. */
  async request(path, { method = "GET", body, headers = {}, follow = true } = {}) {
    let url = new URL(path, this.base + "/");
    for (let hop = 0; hop < 6; hop++) {
      const response = await fetch(url, {
        method,
        body,
        redirect: "manual",
        headers: { Cookie: this.cookieHeader(), Origin: this.origin, ...headers },
      });
      this.keepCookies(response);
      if (!follow || response.status < 300 || response.status >= 400 || !response.headers.get("location")) return response;
      await response.arrayBuffer();
      url = new URL(response.headers.get("location"), url);
      method = "GET";
      body = undefined;
    }
    throw new Error(`Too many redirects from ${path}`);
  }

  async text(path) {
    const response = await this.request(path);
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text;
  }

  async json(path) {
    const response = await this.request(path, { headers: { Accept: "application/json" } });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /**
   * The antiforgery token of a page (and, through the jar, its cookie): the page's own, or, on a page
   * stored for everyone of its kind (it names a data-person-url), the one its script fetches from there.
   */
  async token(path) {
    const html = await this.text(path);
    const token = formToken(html) ?? (await this.personToken(html));
    if (!token) throw new Error(`${path} has no __RequestVerificationToken`);
    return token;
  }

  async personToken(html) {
    const url = personUrl(html);
    return url ? (await this.json(url)).token : undefined;
  }

  /** Posts a form with the given token; returns the raw response (redirects not followed). */
  async post(path, fields, token, { follow = false } = {}) {
    const body = new URLSearchParams(fields);
    if (token) body.set("__RequestVerificationToken", token);
    return this.request(path, { method: "POST", body, follow, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }

  async signIn(email, password) {
    const token = await this.token("/account/login");
    const response = await this.post("/account/login", { "Input.Email": email, "Input.Password": password }, token);
    await response.arrayBuffer();
    if (response.status !== 302 || ![...this.cookies.keys()].some((n) => n.startsWith("PlayDay.Auth"))) {
      throw new Error(`Signing in as ${email} answered ${response.status} without a sign-in cookie`);
    }
    return this;
  }
}

export const formToken = (html) => /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(html)?.[1]
  ?? /type="hidden" name="__RequestVerificationToken" value="([^"]+)"/.exec(html)?.[1]
  ?? /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(html)?.[1];

/** A data- attribute of the page's board root, e.g. data-hub-path. */
export const dataAttribute = (html, name) => new RegExp(`data-${name}="([^"]*)"`).exec(html)?.[1];

/** The personal request of a page stored for everyone of its kind (its body's data-person-url), or undefined. */
export const personUrl = (html) => /<body[^>]*data-person-url="([^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
