import { describe, expect, it } from "vitest";
import { refuseForeignPagePost } from "./foreign-post";

const site = "http://localhost:3000";
const post = (origin?: string) => refuseForeignPagePost("POST", new Headers(origin === undefined ? {} : { origin }), site);

describe("refuseForeignPagePost (proxy.ts, before /account's server actions)", () => {
  it("lets the site's own posts, posts without Origin and every GET through", () => {
    expect(post(site)).toBeNull();
    expect(post()).toBeNull(); // the action's own check decides (Sec-Fetch-Site)
    expect(refuseForeignPagePost("GET", new Headers({ origin: "https://evil.example" }), site)).toBeNull();
  });

  it("answers another origin, another address of the same server and 'null' with a 403 page in words", async () => {
    for (const [origin, from] of [
      ["https://evil.example", "https://evil.example"],
      ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
      ["null", "a page without an origin"],
    ]) {
      const res = post(origin)!;
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await res.text();
      expect(html).toContain(`This form was sent from ${from}`);
      expect(html).toContain(`<a href="${site}/account">${site}/account</a>`);
    }
  });

  it("never echoes a crafted Origin as markup", async () => {
    const html = await post(`http://x"><script>alert(1)</script>`)!.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
  });
});
