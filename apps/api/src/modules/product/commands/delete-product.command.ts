import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { ProductType } from '../dto/product.type';
import { ProductService } from '../product.service';

export class DeleteProductCommand extends Command<ProductType> {
  constructor(
    readonly actor: Caller,
    readonly id: string,
  ) {
    super();
  }
}

@CommandHandler(DeleteProductCommand)
export class DeleteProductHandler implements ICommandHandler<DeleteProductCommand, ProductType> {
  constructor(private readonly service: ProductService) {}

  execute(command: DeleteProductCommand): Promise<ProductType> {
    return this.service.remove(command.actor, command.id);
  }
}
