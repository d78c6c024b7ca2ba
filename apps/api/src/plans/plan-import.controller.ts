import { Body, Controller, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  CommandService,
  RULE_CHOICES,
  importPlanDocument,
  type CommandContext,
  type RuleChoice,
} from '#commands';
import type { PlanEdits } from '#importer';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { ApiErrors } from '../http/openapi.js';
import { Ctx } from '../http/request-context.js';
import { MAX_DOCUMENT_BYTES, documentText, type UploadedDocument } from './plan-document.js';

/** multipart fields arrive as strings: `"true"` is a boolean */
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** multipart fields are strings: `edits` arrives as JSON text */
const toObject = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

export class ImportPlanDto {
  @ApiPropertyOptional({
    description:
      'the plan document as text (JSON); or send the document itself as `file` (multipart/form-data)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1_500_000)
  text?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 're-import a newer version into this plan' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({
    enum: RULE_CHOICES,
    default: 'auto',
    description: 'how the document numbers its parts (`auto`: the preset that reads it best)',
  })
  @IsOptional()
  @IsIn(RULE_CHOICES)
  rules?: RuleChoice;

  @ApiPropertyOptional({ description: 'only show what would be imported (also as ?dryRun=true)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'corrections from the preview: `{ titles?: { [code]: title }, placements?: [{ line, goal }], dropped?: [line] }` ' +
      '(in multipart/form-data as JSON text)',
  })
  @IsOptional()
  @Transform(toObject)
  @IsObject()
  edits?: PlanEdits;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanImportController {
  constructor(private readonly commands: CommandService) {}

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10 } }),
  )
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description:
      'JSON `{ text, planId?, rules?, dryRun? }`, or multipart/form-data with the document as `file` ' +
      '(PDF, DOCX, TXT or MD, up to 20 MB) and the same optional fields',
    schema: {
      type: 'object',
      properties: {
        text: { type: 'string' },
        file: { type: 'string', format: 'binary' },
        planId: { type: 'string', format: 'uuid' },
        rules: { type: 'string', enum: [...RULE_CHOICES] },
        dryRun: { type: 'boolean' },
        edits: { type: 'object' },
      },
    },
  })
  @ApiOperation({
    summary:
      'Import a plan document: themes, goals and actions, through the same commands a person would use',
    description:
      'Answers what it found (counts, tree, the rules used and their confidence), every line it could not ' +
      'place, and the changes it made. A re-import (`planId`) updates changed titles and descriptions, adds ' +
      'what is new and reports what disappeared; with `dryRun` it only answers those changes.',
  })
  @ApiErrors(400, 404, 413, 415, 422)
  async import(
    @Body() body: ImportPlanDto,
    @UploadedFile() file: UploadedDocument | undefined,
    @Query() query: ImportQueryDto,
    @Ctx() ctx: CommandContext,
  ) {
    if ((file === undefined) === (body.text === undefined)) {
      const message = 'send the document either as text (JSON) or as file (multipart/form-data)';
      throw new ApiError(400, 'REQUEST.VALIDATION_FAILED', message, [
        { field: file ? 'text' : 'file', messages: [message] },
      ]);
    }
    const text = file ? (await documentText(file)).text : (body.text ?? '');
    return importPlanDocument(this.commands, text, ctx, {
      planId: body.planId,
      rules: body.rules,
      ...(body.edits && { edits: body.edits }),
      dryRun: body.dryRun ?? query.dryRun === 'true',
    });
  }
}
