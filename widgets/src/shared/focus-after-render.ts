import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Moves the focus to an element of the next render (a form's first error, a confirmation, the
 * day the arrow keys moved to), once that render has it: keyboard and screen-reader users land
 * where the change happened. Until the element exists, the request waits for later renders.
 */
export class FocusAfterRender implements ReactiveController {
  #selector: string | null = null;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    host.addController(this);
  }

  /** Focuses the element `selector` names in the host's shadow root after the next render. */
  request(selector: string): void {
    this.#selector = selector;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#selector) return;
    const target = this.host.renderRoot.querySelector<HTMLElement>(this.#selector);
    if (!target) return;
    target.focus();
    this.#selector = null;
  }
}
