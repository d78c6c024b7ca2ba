import type { Position } from './position.js';

export interface PartnerItem {
  id: string;
  name: string;
  kind: string;
  /** the partner it continues as after a merge */
  mergedInto: string | null;
  updatedAt: string;
}

export interface PartnerList {
  items: PartnerItem[];
  position: Position;
}
