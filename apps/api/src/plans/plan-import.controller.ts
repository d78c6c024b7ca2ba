import { Body, Controller, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandService, RULE_CHOICES, importPlanDocument } from '#commands';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { ApiErrors } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { MAX_DOCUMENT_BYTES, documentText, type UploadedDocument } from './plan-document.js';
import { ImportPlanDto, ImportQueryDto } from './plan-import.dto.js';

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
    @Write({ versioned: false }) { context }: WriteRequest,
  ) {
    if ((file === undefined) === (body.text === undefined)) {
      const message = 'send the document either as text (JSON) or as file (multipart/form-data)';
      throw new ApiError(400, 'REQUEST.VALIDATION_FAILED', message, [
        { field: file ? 'text' : 'file', messages: [message] },
      ]);
    }
    const text = file ? (await documentText(file)).text : (body.text ?? '');
    return importPlanDocument(this.commands, text, context, {
      planId: body.planId,
      rules: body.rules,
      ...(body.edits && { edits: body.edits }),
      dryRun: body.dryRun ?? query.dryRun === 'true',
    });
  }
}
