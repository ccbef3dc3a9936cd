package com.keepwell.infra.axon;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * Resolves handler parameters of this project's own types to CDI beans, so sagas take their collaborators as
 * handler parameters (serialized sagas must not hold them in fields). Only {@code com.keepwell} types are looked
 * up: Axon's own resolvers keep everything else, and the message payload (parameter 0) is never touched.
 */
final class CdiParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
        Class<?> type = parameters[index].getType();
        if (index == 0 || !type.getName().startsWith("com.keepwell.") || type.isRecord() || type.isEnum()) {
            return null;
        }
        InstanceHandle<?> bean = Arc.container().instance(type);
        if (!bean.isAvailable()) {
            return null;
        }
        Object instance = bean.get();
        return new ParameterResolver<>() {
            @Override
            public Object resolveParameterValue(Message<?> message) {
                return instance;
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }
}
