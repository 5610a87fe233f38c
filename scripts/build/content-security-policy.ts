// The built page's Content-Security-Policy, as a meta tag: everything from the page's own
// origin, nothing else, and no eval. Added at build time only, because the dev server injects
// inline scripts (React refresh). frame-ancestors cannot be set from a meta tag: embedding
// stays allowed, as embeds need.

import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // data: and blob: for images the page makes itself (the PNG export, the canvas snapshots).
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "media-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'descent-lab-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
