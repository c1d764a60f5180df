import { ErpEmployeeDto, ErpEmployeeInputDto } from '@app/contracts';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ErpRecordsService } from '../erp-records.service';

@ApiTags('employees')
@ProductScopes('erp')
@Controller('system/erp/v1/employees')
export class EmployeesController {
  constructor(private readonly erp: ErpRecordsService) {}

  /** Creates the employee in its legal entity, or brings it up to date (safe to retry). */
  @Post()
  @ApiOperation({ operationId: 'upsertErpEmployee', summary: 'Create or update an employee' })
  upsert(@Body() body: ErpEmployeeInputDto): Promise<ErpEmployeeDto> {
    return this.erp.upsertEmployee(body);
  }

  /** One employee by canonical worker id, as the ERP holds it. */
  @Get(':id')
  @ApiOperation({ operationId: 'getErpEmployee', summary: 'Get an employee' })
  get(@Param() params: IdParamDto): Promise<ErpEmployeeDto> {
    return this.erp.getEmployee(params.id);
  }
}
