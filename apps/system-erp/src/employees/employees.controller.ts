import { ErpEmployeeDto, ErpEmployeeInputDto, ErpEmployeePatchDto } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BadRequestProblem, ProductScopes } from '@app/platform';
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

  /**
   * Changes only the fields sent: name, work email, legal entity, job title, the hourly cost rate, the
   * termination (`terminationDate`, `null` to clear it) and `active`. 404 when the ERP has no such employee.
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'patchErpEmployee', summary: 'Update or terminate an employee' })
  patch(@Param() params: IdParamDto, @Body() body: ErpEmployeePatchDto): Promise<ErpEmployeeDto> {
    if (Object.values(body ?? {}).every((v) => v === undefined))
      throw new BadRequestProblem('the patch changes nothing: send at least one field');
    return this.erp.patchEmployee(params.id, body);
  }
}
