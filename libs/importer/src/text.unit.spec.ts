import { BRUGES_RULES } from './rules.js';
import {
  cleanTitle,
  joinBroken,
  joinParagraphs,
  sentenceCase,
  splitFirstSentence,
  splitOutsideParens,
} from './text.js';

const split = (text: string) => splitFirstSentence(text, BRUGES_RULES.titleSentence);

describe('text helpers', () => {
  it('splits the first sentence, not at abbreviations, ellipses inside a sentence or lowercase continuations', () => {
    expect(split('Perinatale zorg verhogen. We stimuleren de zorg.')).toEqual([
      'Perinatale zorg verhogen.',
      'We stimuleren de zorg.',
    ]);
    expect(split('Hulp bv. Stadsgenoten aanbieden. Meer tekst.')).toEqual([
      'Hulp bv. Stadsgenoten aanbieden.',
      'Meer tekst.',
    ]);
    expect(split('Startgesprek bij K&G etc. aan huis. Rest.')).toEqual([
      'Startgesprek bij K&G etc. aan huis.',
      'Rest.',
    ]);
    expect(split('Casemanagers: We verankeren de werking.')).toEqual([
      'Casemanagers:',
      'We verankeren de werking.',
    ]);
    expect(split('We zetten in op: A, B en zorg. Rest.')).toEqual([
      'We zetten in op: A, B en zorg.',
      'Rest.',
    ]);
    expect(split('Overleg met J. Peeters. Rest.')).toEqual(['Overleg met J. Peeters.', 'Rest.']);
    expect(split("Betaalbare PC's. Kwetsbare inwoners.")).toEqual([
      "Betaalbare PC's.",
      'Kwetsbare inwoners.',
    ]);
    expect(split('Proefproject “Plus”. Rest')).toEqual(['Proefproject “Plus”.', 'Rest']);
    expect(split('Geen einde')).toEqual(['Geen einde', '']);
  });

  it('cleans titles', () => {
    expect(cleanTitle('- **Maximumfactuur promoten.**')).toBe('Maximumfactuur promoten');
    expect(cleanTitle('proefproject  kwartiermaken:')).toBe('Proefproject kwartiermaken');
    expect(cleanTitle("'t Sas uitbreiden.")).toBe("'t Sas uitbreiden");
  });

  it('joins broken lines and undoes end-of-line hyphenation, but not suspended hyphens', () => {
    expect(joinBroken('meer opvoedings-', 'ondersteuning binnen')).toBe(
      'meer opvoedingsondersteuning binnen',
    );
    expect(joinBroken('voor dak-', 'en thuislozen')).toBe('voor dak- en thuislozen');
    expect(joinBroken('bouwen en', 'inhuren.')).toBe('bouwen en inhuren.');
  });

  it('writes capitalised headings in sentence case, keeping acronyms and proper nouns', () => {
    expect(sentenceCase('PARTNERSCHAP MET VDAB IN BRUGGE', BRUGES_RULES.casing)).toBe(
      'Partnerschap met VDAB in Brugge',
    );
  });

  it('splits lists on commas outside parentheses and joins paragraphs', () => {
    expect(splitOutsideParens('A, B (c, d), E')).toEqual(['A', ' B (c, d)', ' E']);
    expect(joinParagraphs(['Intro:', '- een', '- twee', 'Slot.'])).toBe('Intro:\n- een\n- twee\n\nSlot.');
  });
});
