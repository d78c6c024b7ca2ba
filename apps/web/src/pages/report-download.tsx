import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage } from '../components/common';
import { saveFile } from '../download';

/** the formats a period's report downloads in (docs/plan-cycle.md) */
export const REPORT_FORMATS = ['docx', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** what one download of a period's report names: the period, the format, the report's language and scope */
export interface ReportFile {
  planId: string;
  periodId: string;
  label: string;
  format: ReportFormat;
  lang: string;
  scope: string;
}

/** saves a report file the api answers, with the session's token (the one way both report screens download) */
export async function downloadReport(file: ReportFile): Promise<void> {
  const query = new URLSearchParams({ format: file.format, lang: file.lang, scope: file.scope });
  const blob = await api.blob(`/api/plans/${file.planId}/reports/${file.periodId}?${query.toString()}`);
  saveFile(blob, `rapport-${file.label}.${file.format}`);
}

/**
 * A button per format (Word, printable HTML, CSV) downloading the period's report in `lang` for `scope`, and
 * the error of the last one that failed: on the Rapportering page's period card and on the report page.
 */
export function ReportDownloads({
  planId,
  periodId,
  label,
  lang,
  scope,
  groupLabel,
}: Omit<ReportFile, 'format'> & { groupLabel?: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <div className="buttons" role={groupLabel ? 'group' : undefined} aria-label={groupLabel}>
        {REPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            onClick={() => {
              setError(null);
              downloadReport({ planId, periodId, label, format, lang, scope }).catch(setError);
            }}
          >
            {t(`periods.download.${format}`)}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
    </>
  );
}
