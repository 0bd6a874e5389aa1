package com.pnhub.app.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Records each audit read before its handler runs (AuditReads). */
@Configuration(proxyBeanMethods = false)
class AuditReadsRegistration implements WebMvcConfigurer {

    private final AuditReads auditReads;

    AuditReadsRegistration(AuditReads auditReads) {
        this.auditReads = auditReads;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(auditReads).addPathPatterns(AuditReads.RECORDED.stream()
                .map(p -> p.replace("{number}", "*")).toArray(String[]::new));
    }
}
