import { AddNoteDto, EditActionDto, ReportProgressDto } from '../actions/action.dto.js';
import { ApiError } from './api-error.js';
import { createValidationPipe } from './validation.js';

/** The 400 names every invalid field and the limit it broke, so a client can say "maximaal 10.000 tekens". */
describe('the validation pipe', () => {
  const pipe = createValidationPipe();
  const refuse = async (metatype: new () => object, value: unknown) => {
    const error = await pipe.transform(value, { type: 'body', metatype }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  };

  it('reports the length limit of a too long text', async () => {
    const error = await refuse(AddNoteDto, { text: 'x'.repeat(10_001) });
    expect(error.getStatus()).toBe(400);
    expect(error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(error.details).toEqual([
      { field: 'text', messages: [expect.stringContaining('10000')], limits: { maxLength: 10000 } },
    ]);
  });

  it('reports the bounds of a number and only the rules that broke', async () => {
    const error = await refuse(ReportProgressDto, { percent: 140, comment: 'y'.repeat(2001) });
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'percent', messages: [expect.any(String)], limits: { max: 100 } },
        { field: 'comment', messages: [expect.any(String)], limits: { maxLength: 2000 } },
      ]),
    );
  });

  it('leaves limits out for rules without a number, and never echoes the value', async () => {
    const error = await refuse(EditActionDto, { title: '', unknown: 1 });
    const details = error.details as { field: string; limits?: unknown; value?: unknown }[];
    expect(details.find((item) => item.field === 'title')).toEqual({
      field: 'title',
      messages: [expect.any(String)],
    });
    expect(details.some((item) => item.field === 'unknown')).toBe(true);
    expect(JSON.stringify(details)).not.toContain('"value"');
  });

  it('accepts a valid body', async () => {
    await expect(pipe.transform({ text: 'ok' }, { type: 'body', metatype: AddNoteDto })).resolves.toEqual(
      expect.objectContaining({ text: 'ok' }),
    );
  });
});
