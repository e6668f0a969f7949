export * from './tag.module';
export * from './tag.service';
export * from './tag.entity';
export * from './dto/tag.type';
