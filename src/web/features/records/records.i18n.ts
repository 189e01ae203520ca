const zhCN = {
  card: {
    title: '台账记录',
    hint: '企业的职工、专利、贷款等逐条记录，政策按记录条件计数、按条计算补贴',
    empty: '暂无台账记录（导入后在此显示）',
    hidden: '以下类型的记录属于未授权的数据类别，不予显示：',
    total: '共 {{count}} 条',
    shown: '显示最近 {{shown}} 条，共 {{total}} 条',
    key: '记录编号',
    yes: '是',
    no: '否',
    loadFailed: '台账记录加载失败',
  },
  import: {
    recordType: '记录类型',
    recordTypeRequired: '请选择记录类型',
    recordTypePlaceholder: '选择要导入的记录类型',
    columns: '文件列：',
    required: '必填',
    keyHint: '记录编号是企业内的唯一编号（工号、专利号、合同编号等）：再次导入同一编号即更正该条记录',
    moneyHint: '金额默认以元为单位，可在列名中注明（万元）或（分）',
    sample: '下载示例文件',
  },
};

type Resource = typeof zhCN;

const enUS: Resource = {
  card: {
    title: 'Records',
    hint: "The enterprise's employees, patents, loans … one row each; policies count them and pay per record",
    empty: 'No records yet (they appear here once imported)',
    hidden: 'Records of these types belong to data categories not granted to you and are not shown:',
    total: '{{count}} in all',
    shown: 'Latest {{shown}} of {{total}}',
    key: 'Record key',
    yes: 'Yes',
    no: 'No',
    loadFailed: 'The records could not be loaded',
  },
  import: {
    recordType: 'Record type',
    recordTypeRequired: 'Choose a record type',
    recordTypePlaceholder: 'The type of records to import',
    columns: 'Columns:',
    required: 'required',
    keyHint: 'The record key is unique within the enterprise (staff no., patent no., contract no.): importing the same key again corrects the record',
    moneyHint: 'Amounts are in yuan unless the header names another unit (ten-thousand yuan or fen)',
    sample: 'Download a sample file',
  },
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
