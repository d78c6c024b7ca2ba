import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createdId } from '#commands';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiWriteResult } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { VersionedDto } from '../http/common.dto.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingWrites } from './meeting-writes.js';
import { BallotDto, OpenRoundDto, ProposalDto, TallyDto } from './round.dto.js';

/**
 * Proposals and prioritisation rounds (docs/meetings.md): each present member names her top N by ballot, or
 * the chair enters a tally held on paper; closing the round records the ranking.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Roles('coordinator', 'member', 'partner')
@Controller('meetings/:meetingId')
export class MeetingRoundsController {
  constructor(
    private readonly access: MeetingAccess,
    private readonly writes: MeetingWrites,
  ) {}

  @Post('proposals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a proposal (optionally linked to a theme or actions)' })
  @ApiWriteResult()
  propose(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: ProposalDto,
    @Write() write: WriteRequest,
  ) {
    const proposalId = body.id ?? createdId(write.context, 'proposal');
    return this.writes.add(write, meetingId, 'proposalId', proposalId, {
      type: 'AddProposal',
      data: {
        meetingId,
        proposalId,
        text: body.text,
        themeId: body.themeId ?? null,
        actionIds: body.actionIds ?? [],
        source: body.source ?? null,
        category: body.category ?? null,
      },
    });
  }

  @Post('rounds')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open a prioritisation round over the current proposals: top N (default 5), ranked or unranked',
  })
  @ApiWriteResult()
  open(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: OpenRoundDto,
    @Write() write: WriteRequest,
  ) {
    const roundId = body.id ?? createdId(write.context, 'round');
    return this.writes.add(write, meetingId, 'roundId', roundId, {
      type: 'OpenRound',
      data: { meetingId, roundId, size: body.size, ranked: body.ranked },
    });
  }

  @Post('rounds/:roundId/ballots')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Submit a top N: the caller's own (any present member of the group), or on behalf of a present member " +
      '(`voterId`) or guest (`guestName`) by the chair, secretary or a coordinator; a new one replaces the last',
  })
  @ApiWriteResult()
  async ballot(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('roundId', IdParam) roundId: string,
    @Body() body: BallotDto,
    @Write() write: WriteRequest,
  ) {
    const { caller } = write;
    if (body.voterId !== undefined && body.guestName !== undefined)
      throw new ApiError(400, 'REQUEST.INVALID', 'name a member (voterId) or a guest (guestName), not both', {
        fields: ['voterId', 'guestName'],
      });
    const onBehalf =
      body.guestName !== undefined ? `guest:${body.guestName.trim().toLowerCase()}` : (body.voterId ?? null);
    const forAnother = onBehalf !== null && onBehalf !== caller.id;
    if (forAnother) await this.access.chair(caller, meetingId);
    else await this.access.vote(caller, meetingId);
    return this.writes.runChecked(write, meetingId, {
      type: 'SubmitBallot',
      data: {
        meetingId,
        roundId,
        voterId: onBehalf ?? caller.id,
        proposalIds: body.proposalIds,
        recordedBy: forAnother ? caller.id : null,
      },
    });
  }

  @Post('rounds/:roundId/tally')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Enter the tally of a round held on paper (points per proposal, number of voters): chair, secretary or coordinator',
    description:
      'A round is held either with ballots or with a tally (409 MEETING.ROUND_METHOD_CONFLICT); a new tally replaces the last.',
  })
  @ApiWriteResult()
  async tally(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('roundId', IdParam) roundId: string,
    @Body() body: TallyDto,
    @Write() write: WriteRequest,
  ) {
    await this.access.chair(write.caller, meetingId);
    return this.writes.runChecked(write, meetingId, {
      type: 'RecordTally',
      data: {
        meetingId,
        roundId,
        scores: body.scores.map(({ proposalId, points }) => ({ proposalId, points })),
        voters: body.voters,
      },
    });
  }

  @Post('rounds/:roundId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the round: the final ranking is recorded (ties share a rank)' })
  @ApiWriteResult()
  close(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('roundId', IdParam) roundId: string,
    @Body() _body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, { type: 'CloseRound', data: { meetingId, roundId } });
  }
}
