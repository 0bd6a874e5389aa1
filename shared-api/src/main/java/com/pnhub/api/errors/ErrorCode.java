package com.pnhub.api.errors;

/**
 * Business errors with the exact legacy {@code ResultMsg} text. The first four texts are the legacy
 * contract's own; the others follow their style.
 */
public enum ErrorCode {
    NUMBER_STATE_NOT_BINDABLE("当前号码状态为[%s]，无法绑定！"),
    NOT_BOUND("解绑失败-当前隐私号不存在绑定关系。"),
    CHANGE_NOT_BOUND("换绑失败-当前隐私号不存在绑定关系。"),
    USER_ALREADY_HAS_NUMBER("您存在绑定的小号,不能再绑定新的小号"),
    USER_ALREADY_HAS_FAULT_BINDING("内部错误[FAIL-5000-该用户[%s]已经有故障绑定,不能再注册新的小号.]"),
    NUMBER_NOT_FOUND("号码[%s]不存在"),
    NUMBER_ALREADY_REGISTERED("号码[%s]已存在"),
    NUMBER_HELD_BY_OTHER("号码[%s]已分配给其他用户"),
    NUMBER_ALREADY_BOUND("号码[%s]已绑定"),
    NUMBER_BUSY("号码[%s]正在处理中,请稍后再试"),
    NUMBER_NOT_ASSIGNED("号码[%s]未分配给用户[%s]"),
    NO_FREE_NUMBER("平台[%s]没有可用的小号"),
    AGENT_NOT_FOUND("用户[%s]不存在"),
    AGENT_HAS_NO_PHONE("用户[%s]没有登记手机号"),
    PHONE_MISMATCH("A号码[%s]与用户[%s]登记的手机号不一致"),
    MISSING_PARAMETER("缺少参数[%s]"),
    INVALID_PARAMETER("参数[%s]无效: %s"),
    PROVIDER_REFUSED("供应商拒绝[%s]: %s"),
    PROVIDER_UNAVAILABLE("供应商暂不可用[%s]: %s"),
    PENDING("请求已受理,供应商处理中,请稍后查询[%s]"),
    NOTHING_TO_TRANSFER("用户[%s]没有可转移的小号"),
    TRANSFER_TO_SELF("不能转移给同一个用户[%s]"),
    PLATFORM_MISMATCH("号码[%s]不属于平台[%s]"),
    NOT_OUR_NUMBER("号码[%s]不是本平台的隐私号"),
    XB_NEEDS_BOUND_NUMBER("用户[%s]没有已绑定的小号,不能绑定客户号码"),
    XB_CUSTOMER_BLACKLISTED("客户号码[%s]在平台[%s]的黑名单中"),
    XB_NUMBER_BLACKLISTED("小号[%s]已被禁止外呼"),
    XB_ID_IN_USE("xbid[%s]已用于另一个客户绑定"),
    XB_CUSTOMER_IS_AGENT("客户号码[%s]与A号码相同"),
    NO_FAULT_BINDING("号码[%s]没有故障绑定"),
    NOT_FOUND("接口不存在[%s]"),
    METHOD_NOT_ALLOWED("不支持的请求方法[%s]"),
    INTERNAL("内部错误[%s]");

    private final String template;

    ErrorCode(String template) {
        this.template = template;
    }

    public String format(Object... args) {
        return args.length == 0 ? template : String.format(template, args);
    }
}
