import type { Position } from './position.js';

export interface TenantDetail {
  id: string;
  name: string;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
  position: Position;
}
