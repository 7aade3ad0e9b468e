package io.insurecrm.platform.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** zh-CN by default; {@code ?lang=en} switches to English and a cookie remembers the choice; the API honours Accept-Language. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("crm-lang");
        // pages are zh-CN until the user switches; API clients choose with Accept-Language
        resolver.setDefaultLocaleFunction(request ->
                request.getRequestURI().startsWith(request.getContextPath() + "/api/") && request.getHeader("Accept-Language") != null
                        ? request.getLocale() : Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /**
     * No {@link ResourceUrlEncodingFilter}: Spring Boot registers it because the WebJars locator enables the resource
     * chain, and it then passes every link a page renders ({@code @{...}}) through the static resource resolvers. The
     * static pattern is {@code /**}, so a link such as {@code /customers/42/edit} is looked up in four classpath
     * locations inside the jar, and a miss is never cached: measured on the edit form (about thirty links), this was
     * most of a page's CPU and made the form collapse under 20 requests/s (docs/benchmarks.md, "Pages: links resolved
     * as static resources"). Nothing needs it: no versioned-URL strategy is configured, and version-less WebJars URLs
     * ({@code /webjars/chart.js/dist/chart.umd.js}) are still resolved when requested.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        registry.addInterceptor(interceptor);
    }
}
