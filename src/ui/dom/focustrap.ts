/**
 * Focus handling for panels that open over the map (details, the embed's event list): Tab
 * and Shift+Tab cycle through the panel's controls instead of leaving it, and Escape asks
 * the panel to close; each panel's close puts focus back on whatever opened it.
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The element that has focus in the document or shadow root `node` belongs to. */
export function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement ?? null;
}

/**
 * Focus for a panel that opens over the map (details, a country's profile): each time it
 * shows something new, focus moves to its heading, and the element outside the panel that
 * had focus first is remembered, so closing gives focus back where the reader was.
 */
export class ReturnFocus {
  #opener: HTMLElement | null = null;

  /** Moves focus to `heading`, remembering the focused element when it is outside `panel`. */
  take(heading: HTMLElement, panel: Element | null): void {
    const active = activeElementOf(heading);
    if (!panel?.contains(active)) this.#opener ??= active instanceof HTMLElement ? active : null;
    heading.focus({ preventScroll: true });
  }

  /** Gives focus back to the element that had it before the panel opened. */
  restore(): void {
    if (this.#opener?.isConnected) this.#opener.focus();
    this.#opener = null;
  }
}

/** Whether `a` comes before `b` in the document (false when either is missing or they are one). */
function isBefore(a: Element | null, b: Element | null): boolean {
  return !!a && !!b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** The controls inside `node` that Tab can reach, in order. */
function focusableIn(node: HTMLElement): HTMLElement[] {
  return [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0,
  );
}

/**
 * A Svelte action: keeps Tab inside `node`, and calls `onEscape` on Escape. It acts only
 * while focus is inside the panel, so a panel opened by a link or the host page never takes
 * focus from elsewhere.
 */
export function focusTrap(
  node: HTMLElement,
  onEscape: () => void,
): { update(next: () => void): void; destroy(): void } {
  let escape = onEscape;
  function onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      escape();
      return;
    }
    if (event.key !== 'Tab') return;
    const active = activeElementOf(node);
    const focusable = focusableIn(node);
    // Where the browser would go next is inside the panel unless focus is on its first
    // control (going back) or its last (going on): only then wrap around.
    const before = focusable.filter((element) => isBefore(element, active));
    const after = focusable.filter((element) => isBefore(active, element));
    const wrapTo = event.shiftKey
      ? before.length === 0 && focusable[focusable.length - 1]
      : after.length === 0 && focusable[0];
    if (focusable.length === 0 || wrapTo) event.preventDefault();
    if (wrapTo) wrapTo.focus();
  }
  node.addEventListener('keydown', onKeydown);
  return {
    update(next) {
      escape = next;
    },
    destroy() {
      node.removeEventListener('keydown', onKeydown);
    },
  };
}
