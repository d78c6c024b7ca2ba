import type { LocalizedText } from '../shared/labels.js';
import { assertNever } from '../shared/event.js';
import { formatDate, quoted, withDetail, type FieldChange } from '../shared/text.js';
import type { IndicatorDirection, IndicatorEvent } from './indicator.events.js';

export const INDICATOR_DIRECTION_LABELS: Readonly<Record<IndicatorDirection, LocalizedText>> = {
  higher_is_better: { nl: 'hoger is beter', en: 'higher is better' },
  lower_is_better: { nl: 'lager is beter', en: 'lower is better' },
};

// made once (toLocaleString with options builds a formatter on every call)
const NUMBER_NL = new Intl.NumberFormat('nl-BE', { maximumFractionDigits: 6 });
const NUMBER_EN = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** a number as each language writes it: 1.234,5 in Dutch (Belgium), 1,234.5 in English */
export const formatNumber = (value: number): LocalizedText => ({
  nl: NUMBER_NL.format(value),
  en: NUMBER_EN.format(value),
});

const withUnit = (value: number, unit: string): LocalizedText => {
  const number = formatNumber(value);
  return unit ? { nl: `${number.nl} ${unit}`, en: `${number.en} ${unit}` } : number;
};

/** A one-line summary of an indicator event, in Dutch and English. */
export function describeIndicatorEvent(event: IndicatorEvent): LocalizedText {
  switch (event.type) {
    case 'IndicatorDefined': {
      const { name, unit, direction } = event.data;
      const way = INDICATOR_DIRECTION_LABELS[direction];
      const per = unit ? ` (${unit})` : '';
      return {
        nl: `Indicator ${quoted(name)}${per} gedefinieerd, ${way.nl}`,
        en: `Indicator ${quoted(name)}${per} defined, ${way.en}`,
      };
    }
    case 'IndicatorRedefined': {
      const { from, to } = event.data;
      return from.name === to.name
        ? { nl: `Indicator ${quoted(to.name)} aangepast`, en: `Indicator ${quoted(to.name)} changed` }
        : {
            nl: `Indicator ${quoted(from.name)} aangepast en hernoemd naar ${quoted(to.name)}`,
            en: `Indicator ${quoted(from.name)} changed and renamed to ${quoted(to.name)}`,
          };
    }
    case 'IndicatorTargetSet': {
      const { year, to } = event.data;
      if (to === null)
        return { nl: `Streefwaarde voor ${year} verwijderd`, en: `Target for ${year} removed` };
      const value = formatNumber(to);
      return { nl: `Streefwaarde voor ${year}: ${value.nl}`, en: `Target for ${year}: ${value.en}` };
    }
    case 'IndicatorMeasurementRecorded': {
      const { value, date, source } = event.data;
      const [number, day] = [formatNumber(value), formatDate(date)];
      return {
        nl: withDetail(`Meting ${number.nl} op ${day.nl} geregistreerd`, source ? `bron ${source}` : null),
        en: withDetail(`Measurement ${number.en} on ${day.en} recorded`, source ? `source ${source}` : null),
      };
    }
    case 'IndicatorMeasurementCorrected': {
      const { from, to, reason } = event.data;
      const [before, after] = [withUnit(from.value, ''), withUnit(to.value, '')];
      const day = formatDate(to.date);
      return {
        nl: `Meting van ${day.nl} gecorrigeerd (${before.nl} → ${after.nl}): ${reason}`,
        en: `Measurement of ${day.en} corrected (${before.en} → ${after.en}): ${reason}`,
      };
    }
    case 'IndicatorArchived':
      return {
        nl: withDetail('Indicator gearchiveerd', event.data.reason),
        en: withDetail('Indicator archived', event.data.reason),
      };
    default:
      return assertNever(event);
  }
}

/** The fields an indicator event changed, with before and after. */
export function indicatorChangesOf(event: IndicatorEvent): FieldChange[] {
  switch (event.type) {
    case 'IndicatorDefined':
      return [{ field: 'indicator', from: null, to: event.data.name }];
    case 'IndicatorRedefined': {
      const { from, to } = event.data;
      return (Object.keys(to) as (keyof typeof to)[])
        .filter((key) => from[key] !== to[key])
        .map((key) => ({ field: `indicator.${key}`, from: from[key], to: to[key] }));
    }
    case 'IndicatorTargetSet':
      return [{ field: `target.${event.data.year}`, from: event.data.from, to: event.data.to }];
    case 'IndicatorMeasurementRecorded':
      return [{ field: 'measurement', from: null, to: event.data.value }];
    case 'IndicatorMeasurementCorrected':
      return [{ field: 'measurement', from: event.data.from.value, to: event.data.to.value }];
    case 'IndicatorArchived':
      return [{ field: 'archived', from: false, to: true }];
    default:
      return assertNever(event);
  }
}
