import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { parseInput, TemplateRepository, type Actor } from '@vs/templates';
import { CurrentActor, RequireRole } from './auth.guard';
import { createDraftSchema, parseRevision, parseTemplateId } from './request-parsing';

@Controller('templates')
export class TemplatesController {
  constructor(@Inject(TemplateRepository) private readonly templates: TemplateRepository) {}

  @Get()
  @RequireRole('viewer')
  async list() {
    return { templates: await this.templates.list() };
  }

  @Get(':id')
  @RequireRole('viewer')
  get(@Param('id') id: string) {
    return this.templates.get(parseTemplateId(id));
  }

  @Get(':id/revisions/:rev')
  @RequireRole('viewer')
  getRevision(@Param('id') id: string, @Param('rev') rev: string) {
    return this.templates.getRevision(parseTemplateId(id), parseRevision(rev));
  }

  @Post(':id/revisions')
  @RequireRole('admin')
  createDraft(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.templates.createDraft(parseTemplateId(id), parseInput(createDraftSchema, body, 'draft request'), actor);
  }

  @Post(':id/revisions/:rev/publish')
  @HttpCode(200)
  @RequireRole('admin')
  publish(@Param('id') id: string, @Param('rev') rev: string, @CurrentActor() actor: Actor) {
    return this.templates.publish(parseTemplateId(id), parseRevision(rev), actor);
  }

  @Post(':id/revisions/:rev/archive')
  @HttpCode(200)
  @RequireRole('admin')
  archive(@Param('id') id: string, @Param('rev') rev: string, @CurrentActor() actor: Actor) {
    return this.templates.archive(parseTemplateId(id), parseRevision(rev), actor);
  }
}
