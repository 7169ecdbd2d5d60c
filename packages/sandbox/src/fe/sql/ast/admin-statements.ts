import type { Property } from './names.js';

/** `ADMIN SET FRONTEND CONFIG ("k" = "v")` or `ADMIN SET ALL FRONTENDS CONFIG (…)` (`allFrontends`). */
export interface AdminSetFrontendConfigStatement {
  readonly kind: 'AdminSetFrontendConfigStatement';
  readonly allFrontends: boolean;
  readonly properties: readonly Property[];
}
