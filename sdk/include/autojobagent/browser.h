/* AutoJobAgent SDK: the host's browser service, "aj.browser.v1" (C).
 *
 * Headless Chromium, driven by the host over the DevTools protocol, for pages
 * that plain HTTP cannot read (JavaScript rendering, bot checks) and for
 * application forms. The host starts the browser on first use, restarts it when
 * it dies, keeps at most `max_tabs` pages open, isolates each plugin session
 * in its own browser context (cookies, storage), refuses navigations outside
 * the component's allowed hosts, and reports metrics in the run summary.
 *
 *   const aj_browser_api_v1* b =
 *       (const aj_browser_api_v1*)api->get_service(host, AJ_BROWSER_SERVICE_V1);
 *
 * NULL means this host has no browser service (or it could not be loaded).
 * The rules of plugin.h apply: size-prefixed structs, append-only tables,
 * inputs borrowed for the call. docs/browser.md has the guide.
 *
 * A tab is used by one thread at a time; different tabs may be used from
 * different threads at once. Every call that can wait takes `timeout_ms`
 * (0: the configured default) and returns by then, whatever the page does.
 *
 * Targets. Actions name an element by a `ref` from the tab's latest snapshot
 * ("e12") or by a CSS selector (anything else; the first match is used).
 */
#ifndef AUTOJOBAGENT_BROWSER_H
#define AUTOJOBAGENT_BROWSER_H

#include "autojobagent/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AJ_BROWSER_SERVICE_V1 "aj.browser.v1"

/* An open page; close it with close() as soon as its work is done, which
 * frees its slot for the next caller. */
typedef struct aj_browser_tab aj_browser_tab;

/* What navigate() waits for. */
typedef uint32_t aj_browser_wait;
#define AJ_BROWSER_WAIT_LOAD 0         /* the load event (the default) */
#define AJ_BROWSER_WAIT_DOM_READY 1    /* DOMContentLoaded */
#define AJ_BROWSER_WAIT_NETWORK_IDLE 2 /* no network activity for 500 ms after load */
#define AJ_BROWSER_WAIT_SELECTOR 3     /* DOMContentLoaded, then `selector` matches a visible element */
#define AJ_BROWSER_WAIT_COMMIT 4       /* the new document has started */

/* open() flags. */
#define AJ_BROWSER_ACCEPT_DIALOGS 1u /* accept alert/confirm/prompt/beforeunload; the default dismisses them */

/* screenshot() flags. */
#define AJ_BROWSER_FULL_PAGE 1u /* the whole page, not only the 1280x900 viewport */

/* Why the last call on a tab failed (aj_browser_api_v1.failure). */
typedef uint32_t aj_browser_failure;
#define AJ_BROWSER_OK 0
#define AJ_BROWSER_FAIL_TIMEOUT 1    /* timeout_ms passed (the page may be stuck; the tab stays usable) */
#define AJ_BROWSER_FAIL_NOT_FOUND 2  /* no element matches the target, or the ref is stale: take a new snapshot */
#define AJ_BROWSER_FAIL_REFUSED 3    /* the URL is outside the component's allowed hosts, or not http(s) */
#define AJ_BROWSER_FAIL_NAVIGATION 4 /* the page could not be loaded (DNS, refused, reset; net::ERR_* in the message) */
#define AJ_BROWSER_FAIL_SCRIPT 5     /* the JavaScript threw; the message has the exception */
#define AJ_BROWSER_FAIL_CRASHED 6    /* the browser or this tab's renderer died; open a new tab (the host restarts it) */
#define AJ_BROWSER_FAIL_CANCELLED 7  /* the run is stopping */
#define AJ_BROWSER_FAIL_UNAVAILABLE 8 /* no browser: not installed, or it would not start (the message says why) */
#define AJ_BROWSER_FAIL_INVALID 9    /* a wrong argument (not a select, not a file input, bad struct) */
#define AJ_BROWSER_FAIL_NO_POPUP 10  /* next_popup: no popup came in time, or it was closed for want of a slot */
#define AJ_BROWSER_FAIL_OBSCURED 11  /* click: another element (an overlay, a modal) would receive it */

typedef struct aj_browser_open {
  uint32_t struct_size;
  aj_str session;     /* browser context (cookies, storage) within this plugin instance; empty: the instance's own.
                       * A component with a persistent profile (profile_dir) has one context: this is ignored. */
  int64_t timeout_ms; /* how long to wait for a free tab (the limit is max_tabs); 0: the default */
  uint32_t flags;     /* AJ_BROWSER_ACCEPT_DIALOGS */
  aj_str prompt_text; /* typed into prompt() dialogs when they are accepted */
} aj_browser_open;

typedef struct aj_browser_api_v1 {
  uint32_t struct_size;

  /* Opens a blank tab, waiting for a free slot. `*out` is always set (also on
   * failure, carrying the error); close it. Returns AJ_OK, AJ_RETRY (no slot
   * in time, or the browser is restarting), AJ_CANCELLED, or AJ_ERROR (no
   * browser). `ctx` is the calling plugin call's context (cancellation; tabs
   * it leaves open are closed when the call returns: their handles stay valid,
   * every call on them fails, and close() still frees them). [worker] */
  aj_status (*open)(aj_host* host, aj_context* ctx, const aj_browser_open* options, aj_browser_tab** out);
  /* Closes the tab and its popups not taken; frees the handle. NULL is fine. */
  void (*close)(aj_browser_tab* tab);

  /* Every call below returns AJ_OK, or AJ_ERROR / AJ_RETRY (timeout, crash) /
   * AJ_CANCELLED with failure() and error() saying why. */

  /* The last call's output, valid until the next call on this tab: the final
   * URL (navigate), JSON (evaluate, dialogs), HTML, text, an attribute, the
   * snapshot, PNG or PDF bytes. Empty after a failure. */
  aj_str (*result)(const aj_browser_tab* tab);
  /* What went wrong in the last call; empty after success. */
  aj_str (*error)(const aj_browser_tab* tab);
  aj_browser_failure (*failure)(const aj_browser_tab* tab);

  /* Loads `url` and waits (aj_browser_wait; `selector` for WAIT_SELECTOR).
   * Configured cookie banners are dismissed once it has loaded. An HTTP error
   * status still loads (read the page); result: the final URL. */
  aj_status (*navigate)(aj_browser_tab* tab, aj_str url, aj_browser_wait wait, aj_str selector, int64_t timeout_ms);
  /* Waits until `selector` matches a visible element. */
  aj_status (*wait_for)(aj_browser_tab* tab, aj_str selector, int64_t timeout_ms);
  /* Evaluates a JavaScript expression (a promise is awaited); result: its value as JSON. */
  aj_status (*evaluate)(aj_browser_tab* tab, aj_str expression, int64_t timeout_ms);
  /* outerHTML of the target (empty: the whole document). */
  aj_status (*html)(aj_browser_tab* tab, aj_str target, int64_t timeout_ms);
  /* Rendered text (innerText) of the target (empty: the body). */
  aj_status (*text)(aj_browser_tab* tab, aj_str target, int64_t timeout_ms);
  /* An attribute of the target; AJ_SKIP when the element lacks it. */
  aj_status (*attribute)(aj_browser_tab* tab, aj_str target, aj_str name, int64_t timeout_ms);
  /* The accessibility snapshot: one line per element, indented by depth,
   *   - textbox "First name" [ref=e7] [required]: "Ada"
   * with headings, text and the interactive elements (role, name, value,
   * states: required, checked, disabled, invalid, expanded, selected) and a
   * ref that stays the same for the same element for the page's life. */
  aj_status (*snapshot)(aj_browser_tab* tab, int64_t timeout_ms);

  /* Actions. click: a real mouse click at the element's centre (scrolled into
   * view). fill: replaces the value of an input, textarea or contenteditable
   * (input and change events fire). select: the option of a <select> whose
   * value or label is `value`. check: sets a checkbox or radio to `checked`.
   * upload: the files of an <input type=file> (absolute paths). press: a key
   * ("Enter", "Tab", "Escape", "Backspace", "ArrowDown", ..., or one character)
   * sent to the focused element. */
  aj_status (*click)(aj_browser_tab* tab, aj_str target, int64_t timeout_ms);
  aj_status (*fill)(aj_browser_tab* tab, aj_str target, aj_str value, int64_t timeout_ms);
  aj_status (*select)(aj_browser_tab* tab, aj_str target, aj_str value, int64_t timeout_ms);
  aj_status (*check)(aj_browser_tab* tab, aj_str target, int32_t checked, int64_t timeout_ms);
  aj_status (*upload)(aj_browser_tab* tab, aj_str target, const aj_str* paths, uint32_t path_count,
                      int64_t timeout_ms);
  aj_status (*press)(aj_browser_tab* tab, aj_str key, int64_t timeout_ms);

  /* The oldest popup (window.open, target=_blank) this tab opened and nobody
   * took yet, as a tab of its own (`*out` is always set; close it). Popups
   * count against max_tabs: one that opens when no slot is free is closed at
   * once. AJ_SKIP with FAIL_NO_POPUP when none came in time or it was closed
   * that way (error() says which). */
  aj_status (*next_popup)(aj_browser_tab* tab, int64_t timeout_ms, aj_browser_tab** out);
  /* The JavaScript dialogs this tab has met, handled per the open() flags:
   * result [{"type":"confirm","message":"...","accepted":false}, ...]. */
  aj_status (*dialogs)(aj_browser_tab* tab);

  /* result: PNG bytes (AJ_BROWSER_FULL_PAGE for the whole page). */
  aj_status (*screenshot)(aj_browser_tab* tab, uint32_t flags, int64_t timeout_ms);
  /* result: the page printed to PDF (A4, backgrounds). */
  aj_status (*pdf)(aj_browser_tab* tab, int64_t timeout_ms);
} aj_browser_api_v1;

#ifdef __cplusplus
}
#endif

#endif /* AUTOJOBAGENT_BROWSER_H */
