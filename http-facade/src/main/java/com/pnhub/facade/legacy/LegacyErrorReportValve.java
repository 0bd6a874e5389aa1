package com.pnhub.facade.legacy;

import com.pnhub.api.errors.ErrorCode;
import com.pnhub.command.gateway.RequestContext;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses some requests before Spring sees them: an encoded slash or dot-dot above the root, a NUL or an
 * invalid %-escape in the path. Under /mangoapi those still get the legacy answer (HTTP 200, 5000 envelope)
 * instead of Tomcat's HTML error page; everything else keeps Tomcat's page, and so does a request line Tomcat
 * could not read at all (a raw backslash, a line over the header limit): its path is unknown.
 */
final class LegacyErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    LegacyErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        if (uri == null || !uri.startsWith("/mangoapi")) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        LegacyEnvelope envelope = LegacyEnvelope.failure(RequestContext.newRequestId(),
                ErrorCode.INVALID_PARAMETER.format("request", "请求行或参数无法解析(HTTP " + status + ")"), List.of());
        try {
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(envelope));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already committed: nothing more can be sent
        }
    }

    /**
     * Takes the place of the host's ErrorReportValve (Boot adds one configured like this one): with two, the inner
     * one reports and the outer one is skipped, so replacing is the only order-proof way. Done when the context
     * starts, after every customizer (Boot's included) has run.
     */
    @Component
    static class Registration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    Pipeline host = context.getParent().getPipeline();
                    for (Valve valve : host.getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.removeValve(valve);
                        }
                    }
                    host.addValve(new LegacyErrorReportValve());
                }
            }));
        }
    }
}
