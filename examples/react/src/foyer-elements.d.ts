// The Foyer elements as JSX tags, typed from the elements' own classes: their properties, and
// their events as `on<event-name>` props (React 19 adds the listener for a custom element).
import type { FoyerCalendar, FoyerCart, FoyerLogin, FoyerProvider } from '@foyer/widgets';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type Tag<E extends HTMLElement, Props = object> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Partial<Props> & { 'heading-level'?: number };

/** The events `<foyer-provider>` fires (they bubble from every element inside it). */
interface ProviderEvents {
  'onfoyer-signed-in': (event: HTMLElementEventMap['foyer-signed-in']) => void;
  'onfoyer-signed-out': (event: HTMLElementEventMap['foyer-signed-out']) => void;
  'onfoyer-cart-changed': (event: HTMLElementEventMap['foyer-cart-changed']) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'foyer-provider': Tag<FoyerProvider, Pick<FoyerProvider, 'api' | 'collectivity'> & ProviderEvents>;
      'foyer-login': Tag<FoyerLogin>;
      'foyer-calendar': Tag<FoyerCalendar>;
      'foyer-cart': Tag<FoyerCart>;
    }
  }
}
