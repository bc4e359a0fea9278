import { type Examination } from '@app/clearance';
import { type ExaminationView } from '../shipments/shipments.dto';

export function toExaminationView(e: Examination): ExaminationView {
  return { ...e, recordedAt: e.recordedAt.toISOString() };
}
