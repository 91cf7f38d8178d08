import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { ConsumedMessage } from '@vs/kafka';
import type {
  ConsumerBinding,
  GeneratedRecordValue,
  JobCancelledValue,
  JobRequestedValue,
  RejectedRecordValue,
  StageProgressValue,
} from '@vs/pipeline';
import { DistributorService, type AcceptedRecordValue } from '../distributor/distributor.service';
import { ExpanderService } from '../expander/expander.service';
import { GeneratorService } from '../generator/generator.service';
import { StatusService } from '../status/status.service';
import { ValidatorService } from '../validator/validator.service';

/** Which topics each consumer group reads, and how many decoded messages its handler gets at once. */
export const CONSUMER_BINDINGS: Readonly<Record<string, ConsumerBinding>> = {
  expander: { topics: ['jobsRequested'], chunkSize: 10 },
  generator: { topics: ['promptPacks'], chunkSize: 4 },
  // The accepted topic is what downstream teams read: no duplicate may reach it, even after a crash.
  validator: { topics: ['recordsGenerated'], chunkSize: 500, exactlyOnce: true },
  'distributor-accepted': { topics: ['recordsAccepted', 'recordsPreview'], chunkSize: 500 },
  'distributor-rejected': { topics: ['recordsRejected'], chunkSize: 500 },
  'status-progress': { topics: ['jobsProgress'], chunkSize: 500 },
  'status-cancel': { topics: ['jobsCancelled'], chunkSize: 50 },
};

// Each handler decodes nothing and decides nothing: it hands the decoded chunk to one service method.

@Controller()
export class ExpanderConsumer {
  constructor(@Inject(ExpanderService) private readonly expander: ExpanderService) {}

  @EventPattern('expander')
  onJobsRequested(@Payload() messages: ConsumedMessage<JobRequestedValue>[]): Promise<void> {
    return this.expander.onJobsRequested(messages);
  }
}

@Controller()
export class GeneratorConsumer {
  constructor(@Inject(GeneratorService) private readonly generator: GeneratorService) {}

  @EventPattern('generator')
  onPromptPacks(@Payload() messages: Parameters<GeneratorService['onPromptPacks']>[0]): Promise<void> {
    return this.generator.onPromptPacks(messages);
  }
}

@Controller()
export class ValidatorConsumer {
  constructor(@Inject(ValidatorService) private readonly validator: ValidatorService) {}

  @EventPattern('validator')
  onGeneratedRecords(@Payload() messages: ConsumedMessage<GeneratedRecordValue>[]): Promise<void> {
    return this.validator.onGeneratedRecords(messages);
  }
}

@Controller()
export class DistributorConsumer {
  constructor(@Inject(DistributorService) private readonly distributor: DistributorService) {}

  @EventPattern('distributor-accepted')
  onAccepted(@Payload() messages: ConsumedMessage<AcceptedRecordValue>[]): Promise<void> {
    return this.distributor.onAcceptedRecords(messages);
  }

  @EventPattern('distributor-rejected')
  onRejected(@Payload() messages: ConsumedMessage<RejectedRecordValue>[]): Promise<void> {
    return this.distributor.onRejectedRecords(messages);
  }
}

@Controller()
export class StatusConsumer {
  constructor(@Inject(StatusService) private readonly status: StatusService) {}

  @EventPattern('status-progress')
  onProgress(@Payload() messages: ConsumedMessage<StageProgressValue>[]): Promise<void> {
    return this.status.onProgress(messages);
  }

  @EventPattern('status-cancel')
  onCancelled(@Payload() messages: ConsumedMessage<JobCancelledValue>[]): Promise<void> {
    return this.status.onCancelled(messages);
  }
}
