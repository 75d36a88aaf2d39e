import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** One tab: its key (in ids and attributes) and its label. */
export interface Tab<K extends string> {
  key: K;
  label: string;
}

export interface TabsModel<K extends string> {
  /** Prefix of the tabs' and panels' ids, unique in the shadow root. */
  id: string;
  /** What the tab list is about, for screen readers ("Informations profil"). */
  label: string;
  tabs: Tab<K>[];
  selected: K;
  /** Shows another tab. */
  select(key: K): void;
  /** The element rendering the tabs: focus moves once it has rendered the new tab. */
  host: ReactiveControllerHost & { renderRoot: ParentNode };
}

const tabId = (id: string, key: string) => `${id}-tab-${key}`;
const panelId = (id: string, key: string) => `${id}-panel-${key}`;

/**
 * A tab list following the WAI-ARIA tabs pattern: one tab stop (the selected tab), Left and
 * Right arrows to the previous and next tab (wrapping), Home and End to the first and last;
 * moving selects (the panels show at once, their data is already there or loading).
 */
export function renderTabList<K extends string>(model: TabsModel<K>): TemplateResult {
  const keys = model.tabs.map((t) => t.key);
  const onKeydown = (event: KeyboardEvent) => {
    const at = keys.indexOf(model.selected);
    const next =
      event.key === 'ArrowRight'
        ? keys[(at + 1) % keys.length]
        : event.key === 'ArrowLeft'
          ? keys[(at - 1 + keys.length) % keys.length]
          : event.key === 'Home'
            ? keys[0]
            : event.key === 'End'
              ? keys[keys.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    model.select(next);
    void model.host.updateComplete.then(() =>
      model.host.renderRoot.querySelector<HTMLElement>(`#${tabId(model.id, next)}`)?.focus(),
    );
  };
  return html`<div class="tabs" role="tablist" aria-label=${model.label} part="tabs" @keydown=${onKeydown}>
    ${model.tabs.map((tab) => {
      const selected = tab.key === model.selected;
      return html`<button
        type="button"
        role="tab"
        class="tab"
        part=${selected ? 'tab tab-selected' : 'tab'}
        id=${tabId(model.id, tab.key)}
        aria-selected=${selected ? 'true' : 'false'}
        aria-controls=${panelId(model.id, tab.key)}
        tabindex=${selected ? '0' : '-1'}
        @click=${() => model.select(tab.key)}
      >
        ${tab.label}
      </button>`;
    })}
  </div>`;
}

/**
 * The panels of a tab list: the selected one with `content`, the others empty and hidden (so
 * that every tab's `aria-controls` names an element of the page).
 */
export function renderTabPanels<K extends string>(model: TabsModel<K>, content: TemplateResult): TemplateResult {
  return html`${model.tabs.map((tab) =>
    tab.key === model.selected
      ? html`<div
          role="tabpanel"
          class="tabpanel"
          part="panel"
          id=${panelId(model.id, tab.key)}
          aria-labelledby=${tabId(model.id, tab.key)}
          tabindex="0"
        >
          ${content}
        </div>`
      : html`<div role="tabpanel" id=${panelId(model.id, tab.key)} aria-labelledby=${tabId(model.id, tab.key)} hidden></div>`,
  )}`;
}

/** Styles of the tab list, for the elements that have one. */
export { tabStyles } from './tabs.styles.js';
