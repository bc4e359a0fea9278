import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../auth/principal';
import { DASHBOARD_FILES, DashboardFile, loadDashboardFiles } from './dashboard-files';

/**
 * The page itself holds no data: it asks the API with the key the officer signs in with, so it
 * needs none. Its own policy allows only its own files and the API on the same origin.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The operators' dashboard page at /ui (docs/contract.md#operators-work). */
@ApiExcludeController()
@PublicRoute()
@Controller('ui')
export class DashboardController {
  private readonly files = loadDashboardFiles();

  @Get()
  page(@Res() response: Response): void {
    this.send(response, 'index.html');
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    if (!Object.hasOwn(DASHBOARD_FILES, file) || file === 'index.html') throw new NotFoundException();
    this.send(response, file as DashboardFile);
  }

  private send(response: Response, file: DashboardFile): void {
    response
      .status(200)
      .set('Content-Type', DASHBOARD_FILES[file])
      .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .set('Cache-Control', 'no-cache')
      .send(this.files[file]);
  }
}
