import { Controller, Get } from '@nestjs/common';
import { buildOpenApiDocument } from './openapi.document';

@Controller('openapi.json')
export class OpenApiController {
  // Built once: the schemas do not change while the process runs.
  private readonly document = buildOpenApiDocument();

  @Get()
  get() {
    return this.document;
  }
}
