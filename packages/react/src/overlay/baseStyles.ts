/**
 * The overlay's always-loaded styles: theme tokens and the floating toggle button. The panel's own stylesheet
 * loads with the panel (see `panel/styles.ts`). `:host { all: initial }` stops the app's inherited styles
 * (font, colour, line-height…) at the shadow boundary.
 */
export const BASE_CSS = `
:host {
  all: initial;
  --ps-bg: #ffffff; --ps-bg-2: #f4f5f7; --ps-bg-3: #e8eaee; --ps-fg: #1b1f24; --ps-fg-2: #59616d;
  --ps-border: #d5d9e0; --ps-accent: #3b6fd8; --ps-accent-fg: #ffffff; --ps-accent-hover: #2c58b0; --ps-focus: #3b6fd8;
  --ps-danger: #b42318; --ps-danger-hover: #8a1a12; --ps-danger-fg: #ffffff;
  --ps-good: #137a3f; --ps-good-bg: #e3f5ea; --ps-warn: #8a5a00; --ps-warn-bg: #fff3d6;
  --ps-bad: #b42318; --ps-bad-bg: #fde8e6; --ps-shadow: 0 8px 28px rgba(15, 23, 42, 0.18); --ps-shadow-edge: rgba(15, 23, 42, 0.14);
  --ps-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --ps-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :host(:not([data-theme="light"])) {
    --ps-bg: #15181d; --ps-bg-2: #1c2027; --ps-bg-3: #262b34; --ps-fg: #e6e9ee; --ps-fg-2: #9aa3b0;
    --ps-border: #2e343e; --ps-accent: #6b9bff; --ps-accent-fg: #0b1020; --ps-accent-hover: #9dbcff; --ps-focus: #8fb3ff;
    --ps-danger: #c8322a; --ps-danger-hover: #a3261f; --ps-danger-fg: #ffffff;
    --ps-good: #5fd08d; --ps-good-bg: #15301f; --ps-warn: #f2c14e; --ps-warn-bg: #33290f;
    --ps-bad: #ff7b6e; --ps-bad-bg: #3a1a17; --ps-shadow: 0 8px 28px rgba(0, 0, 0, 0.5); --ps-shadow-edge: rgba(0, 0, 0, 0.55);
    color-scheme: dark;
  }
}
:host([data-theme="dark"]) {
  --ps-bg: #15181d; --ps-bg-2: #1c2027; --ps-bg-3: #262b34; --ps-fg: #e6e9ee; --ps-fg-2: #9aa3b0;
  --ps-border: #2e343e; --ps-accent: #6b9bff; --ps-accent-fg: #0b1020; --ps-accent-hover: #9dbcff; --ps-focus: #8fb3ff;
  --ps-danger: #c8322a; --ps-danger-hover: #a3261f; --ps-danger-fg: #ffffff;
  --ps-good: #5fd08d; --ps-good-bg: #15301f; --ps-warn: #f2c14e; --ps-warn-bg: #33290f;
  --ps-bad: #ff7b6e; --ps-bad-bg: #3a1a17; --ps-shadow: 0 8px 28px rgba(0, 0, 0, 0.5); --ps-shadow-edge: rgba(0, 0, 0, 0.55);
  color-scheme: dark;
}
/* In the top layer (a manual popover) the host is a zero-size box at the viewport's origin: its controls are
   position: fixed and place themselves, and nothing of the host covers the page. */
:host([popover]) { position: fixed; inset: 0 auto auto 0; width: 0; height: 0; margin: 0; padding: 0; border: 0;
  overflow: visible; background: transparent; }
.ps-root { font: 13px/1.45 var(--ps-font); color: var(--ps-fg); }
.ps-toggle {
  position: fixed; z-index: 2147483646; width: 40px; height: 40px; border-radius: 20px;
  border: 1px solid var(--ps-border); background: var(--ps-bg); color: var(--ps-accent);
  box-shadow: var(--ps-shadow); cursor: grab; display: grid; place-items: center; padding: 0;
  touch-action: none; user-select: none;
}
.ps-toggle:hover { background: var(--ps-bg-3); }
.ps-toggle[aria-expanded="true"] { background: var(--ps-accent); color: var(--ps-accent-fg); }
.ps-toggle[aria-expanded="true"]:hover { background: var(--ps-accent-hover); }
/* The floating controls sit on the app's page, whose colour is unknown: their focus ring carries its own halo
   in the panel's background colour, so the ring contrasts with what is right beside it on any page. */
.ps-toggle:focus-visible, .ps-emergency:focus-visible { outline: 2px solid var(--ps-focus); outline-offset: 0;
  box-shadow: 0 0 0 4px var(--ps-bg), var(--ps-shadow); }
.ps-toggle svg { width: 20px; height: 20px; pointer-events: none; }
.ps-pos-bottom-right { right: 16px; bottom: 16px; }
.ps-pos-bottom-left { left: 16px; bottom: 16px; }
.ps-pos-top-right { right: 16px; top: 16px; }
.ps-pos-top-left { left: 16px; top: 16px; }
.ps-emergency { position: fixed; z-index: 2147483646; margin: 0 52px; height: 40px; padding: 0 14px;
  border-radius: 20px; border: 1px solid var(--ps-danger); background: var(--ps-danger); color: var(--ps-danger-fg);
  font: 650 13px/1 var(--ps-font); box-shadow: var(--ps-shadow); cursor: pointer; }
.ps-emergency:hover { background: var(--ps-danger-hover); border-color: var(--ps-danger-hover); }
.ps-loading { position: fixed; right: 16px; bottom: 64px; padding: 8px 12px; background: var(--ps-bg);
  border: 1px solid var(--ps-border); border-radius: 8px; box-shadow: var(--ps-shadow); }
`
