package com.pnhub.app.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operations console (docs/console.md) is a page and a script served from {@code static/console}: it calls
 * {@code /api/v1} with the user's token and holds no data of its own, so it needs no controller beyond its address.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }
}
