export * from '../../common/role.enum';
export * from './membership.entity';
export * from './membership.service';
export * from './membership.module';
export * from './dto/membership.type';
